"""Where each setting is drawn: the registry from a setting's name (see reading.SETTINGS) to its painter.

A new setting is a word list in reading.py, a painter in outdoors, indoors or beyond, and a line here."""

from __future__ import annotations

from collections.abc import Callable

from tools.images.animatic import beyond, indoors, outdoors
from tools.images.animatic.canvas import Canvas
from tools.images.animatic.reading import Scene

Painter = Callable[[Canvas, Scene, float], None]  # (canvas, scene, horizon)

PAINTERS: dict[str, Painter] = {
    "sea": outdoors.paint_sea,
    "city": outdoors.paint_city,
    "forest": outdoors.paint_forest,
    "mountains": outdoors.paint_mountains,
    "desert": outdoors.paint_desert,
    "fields": outdoors.paint_fields,
    "market": outdoors.paint_market,
    "castle": outdoors.paint_castle,
    "polar": outdoors.paint_polar,
    "interior": indoors.paint_interior,
    "kitchen": indoors.paint_kitchen,
    "school": indoors.paint_school,
    "library": indoors.paint_library,
    "station": indoors.paint_station,
    "aquarium": indoors.paint_aquarium,
    "space": beyond.paint_space,
    "mars": beyond.paint_mars,
    "underwater": beyond.paint_underwater,
    "reef": beyond.paint_reef,
}

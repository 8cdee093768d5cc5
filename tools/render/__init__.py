"""The render: a timeline planned as ffmpeg argument lists, and the runner that executes them."""

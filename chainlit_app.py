"""The chat studio: Chainlit events in, Studio turns out. A thin adapter; the crew lives in graphs/.

Run it with `make app` (or `chainlit run chainlit_app.py --headless`). Each chat thread is one project: the
LangGraph thread id is the chat thread id. The crew's turns are blocking work, so they run in a thread and
post their progress back to the page as they go."""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path
from typing import Any

from settings import Settings

CHAINLIT_CI_KEY = "sk-FAKE-OPENAI-API-KEY"  # what `chainlit run` puts in the environment in CI mode (CI=true)
if os.environ.get("OPENAI_API_KEY") == CHAINLIT_CI_KEY:  # not a key: a crew that saw it would call OpenAI
    del os.environ["OPENAI_API_KEY"]
SETTINGS = Settings.from_env()

import chainlit as cl  # noqa: E402
import chainlit.server  # noqa: E402
from chainlit.input_widget import Select, Slider, Switch, TextInput  # noqa: E402

from chat import access, files, history  # noqa: E402
from chat.cards import (  # noqa: E402
    PHASE_ACTIONS,
    SCENE_ACTIONS,
    Card,
    cards,
    cast_sheet,
    changed,
    command,
    film,
    pending,
    sheet,
    spend_sheet,
)
from chat.offline import without_remote_links  # noqa: E402
from domain import STORY_TYPES, Options  # noqa: E402
from graphs.projects import ProjectError, Studio, Turn  # noqa: E402
from tools.cloud.ledger import project_ledger  # noqa: E402

STUDIO = Studio(SETTINGS)
_page = chainlit.server.get_html_template
chainlit.server.get_html_template = lambda root_path: without_remote_links(_page(root_path))  # offline page

# Threads, their frames and films are kept (chat/history.py, chat/files.py), so a past project opens again
# after a restart; Chainlit keeps threads only for logged-in people, hence a login even without passwords.
STUDIO_DIR = SETTINGS.home / "studio"
os.environ.setdefault("CHAINLIT_AUTH_SECRET", access.signing_secret(STUDIO_DIR / "auth-secret"))
history.create_tables(SETTINGS.studio_db)
FILES = files.LocalFiles(STUDIO_DIR / "files")
files.serve(chainlit.server.app, FILES)


@cl.data_layer
def data_layer() -> history.History:
    return history.History(SETTINGS.studio_db, FILES)


if SETTINGS.studio_auth == "password":

    @cl.password_auth_callback
    async def login(name: str, password: str) -> cl.User | None:
        ok = await cl.make_async(access.check)(SETTINGS.studio_users, name, password)  # bcrypt is slow on purpose
        return cl.User(identifier=name, metadata={"provider": "password"}) if ok else None

else:

    @cl.header_auth_callback
    async def local(headers: Any) -> cl.User:  # no passwords: one person, on this machine only (chat/serve.py)
        return cl.User(identifier=access.LOCAL, metadata={"provider": "local"})


WELCOME = (
    "**Type an idea for a short film** (or attach a script, .txt or .md), and the crew writes it, storyboards it, "
    "shoots it and cuts it.\nThen direct them here: change any scene in your own words, approve the shots, and "
    "say *render*. Story type, scenes, aspect and voice are in the settings (the cog). Or try one of these:"
)
STARTERS = (
    ("Lighthouse robot", "a lighthouse keeper befriends a lost robot"),
    ("Bakers' rivalry", "two rival bakers must share one oven"),
    ("How bees make honey", "a documentary about how bees make honey"),
)
SCRIPT_TYPES = {".txt", ".md"}
SCRIPT_BYTES = 64_000  # a script is at most 12,000 characters
SHOT = re.compile(r"scene (\d+) shot")


def _voices() -> list[str]:
    from tools.speech.registry import available_voices

    return [v.split(":", 1)[-1] for v in available_voices()]


def _options() -> Options:
    chosen = cl.user_session.get("chat_settings") or {}
    return Options(
        story_type=chosen.get("story_type", "adventure"),
        scenes=int(chosen.get("scenes", 6)),
        aspect_ratio=chosen.get("aspect_ratio", "16:9"),
        voice=chosen.get("voice", "heart"),
        style=chosen.get("style") or "pencil storyboard",
        length=int(chosen.get("length", 750)),
        captions=bool(chosen.get("captions", True)),
    )


def _user() -> str:
    user = cl.user_session.get("user")
    return str(getattr(user, "identifier", "") or access.LOCAL)


def _project() -> str:
    return str(cl.context.session.thread_id)


class Progress:
    """The crew's progress lines, from the worker thread to the page: a step per crew member, and a task
    list while scenes are shot (one task per scene) or the film is cut (percent)."""

    def __init__(self) -> None:
        self.steps: dict[str, cl.Step] = {}
        self.tasks: cl.TaskList | None = None
        self.shots: dict[int, cl.Task] = {}

    def __call__(self, line: str) -> None:  # called in the worker thread
        cl.run_sync(self.show(line))

    async def show(self, line: str) -> None:
        who, _, what = line.partition(": ")
        if not what:
            who, what = "Crew", line
        step = self.steps.get(who)
        if step is None:
            step = self.steps[who] = cl.Step(name=who, type="run")
            await step.send()
        await step.stream_token(f"{what}\n")
        counted = re.match(r"shooting (\d+) scene", what)
        if counted:
            self.tasks = cl.TaskList(status="Shooting…")
            self.shots = {}
            for k in range(int(counted.group(1))):
                self.shots[k] = cl.Task(title=f"Shot {k + 1}", status=cl.TaskStatus.RUNNING)
                await self.tasks.add_task(self.shots[k])
            await self.tasks.send()
        shot = SHOT.search(what)
        if shot and self.tasks is not None:
            done = sum(t.status == cl.TaskStatus.DONE for t in self.shots.values())
            if done < len(self.shots):
                self.shots[done].status = cl.TaskStatus.DONE
                self.shots[done].title = f"Scene {shot.group(1)} shot"
            await self.tasks.send()
        cut = re.search(r"cut (\d+)% of the picture", what)
        if cut:
            self.tasks = self.tasks or cl.TaskList()
            self.tasks.status = f"Cutting the film: {cut.group(1)}%"
            await self.tasks.send()

    async def close(self) -> None:
        for step in self.steps.values():
            await step.update()
        if self.tasks is not None:
            self.tasks.status = "Done"
            for task in self.shots.values():
                task.status = cl.TaskStatus.DONE
            await self.tasks.send()


def _actions(project: str, card: Card) -> list[cl.Action]:
    return [cl.Action(name=name, id=f"{name}-{card.number}", label=SCENE_ACTIONS[name][0],
                      payload={"project": project, "scene": card.number}) for name in card.actions]  # fmt: skip


async def show_cards(project: str, shown: list[Card]) -> None:
    for card in shown:
        elements = [cl.Image(path=card.frame, name=f"scene-{card.number}", display="inline")] if card.frame else []
        await cl.Message(content=card.text, elements=elements, actions=_actions(project, card)).send()


async def run_turn(work: Any, *args: Any, **kwargs: Any) -> None:
    """One turn of the crew, off the event loop; then what it changed, and the buttons for what comes next."""
    project = _project()
    before = cards(STUDIO.state(project)) if _started(project) else []
    progress = Progress()
    stop = threading.Event()
    cl.user_session.set("stop", stop)
    try:
        turn = await cl.make_async(work)(*args, **kwargs, progress=progress, stop=stop)
    except (ProjectError, ValueError) as err:  # refused (ProjectError, Refusal, a bad option): why, nothing changed
        await progress.close()
        why = str(err)
        answer = why[:1].upper() + why[1:] if why.lower().startswith("nothing changed") else f"Nothing changed: {why}"
        await cl.Message(content=answer).send()
        return
    except Exception as err:  # the work failed; the project stays as its last checkpoint left it
        await progress.close()
        await cl.Message(content=f"The crew hit a problem and stopped ({err}). Say it again to resume.").send()
        return
    await progress.close()
    await show_turn(project, turn, changed(before, cards(STUDIO.state(project))))


async def show_cast(project: str, state: dict[str, Any]) -> None:
    """The cast, and what the project has spent on paid services, in the side panel; sent again only when
    they changed (the key is their text)."""
    cast = cast_sheet(state)
    spend = spend_sheet(project_ledger(STUDIO.projects_dir / project, STUDIO.settings).summary())
    panel = [cl.Text(name=name, content=text, display="side") for name, text in (("Cast", cast), ("Spend", spend))
             if text]  # fmt: skip
    if panel:
        await cl.ElementSidebar.set_title(" and ".join(name for name, text in (("Cast", cast), ("Spend", spend))
                                                       if text))  # fmt: skip
        await cl.ElementSidebar.set_elements(panel, key=cast + spend)


async def show_turn(project: str, turn: Turn, shown: list[Card]) -> None:
    """The cards to show, then the crew's reply (with the film, if it made one) and the buttons for what comes
    next."""
    state = STUDIO.state(project)
    await show_cast(project, state)
    await show_cards(project, shown)
    contact = sheet(STUDIO.projects_dir / project / "review")
    if turn.phase == "shots" and contact:
        await cl.Message(content="All the shots, side by side:",
                         elements=[cl.Image(path=contact, name="contact-sheet", display="inline")]).send()  # fmt: skip
    made = film(state) if turn.video else {}
    elements: list[Any] = []
    if made:
        elements.append(cl.Video(path=made["mp4"], name=Path(made["mp4"]).name, display="inline"))
        elements += [cl.File(path=path, name=Path(path).name, display="inline") for path in made.values()]
    buttons = _phase_buttons(project, turn.phase)
    said = [c for c in turn.changes if c not in turn.reply and not c.startswith("The shots, side by side")]
    reply = "\n".join([turn.reply, *(f"- {c}" for c in said)])  # (the sheet is shown, not named)
    if turn.question:
        reply += f"\n\n*{turn.question}*"
    await cl.Message(content=reply, elements=elements, actions=buttons).send()


def _phase_buttons(project: str, phase: str) -> list[cl.Action]:
    return [cl.Action(name="say", id=f"phase-{name}", label=label, payload={"project": project, "text": text})
            for name, label, text in PHASE_ACTIONS.get(phase, ())]  # fmt: skip


def _started(project: str) -> bool:
    return (STUDIO.projects_dir / project / "project.json").is_file()


@cl.set_starters
async def starters(user: Any = None, language: Any = None) -> list[cl.Starter]:
    return [cl.Starter(label=label, message=idea) for label, idea in STARTERS]


@cl.on_chat_start
async def start() -> None:
    await cl.ChatSettings([
        Select(id="story_type", label="Story type", values=list(STORY_TYPES), initial_value="adventure"),
        Slider(id="scenes", label="Scenes", initial=6, min=1, max=12, step=1),
        Select(id="aspect_ratio", label="Aspect ratio", values=["16:9", "9:16", "1:1"], initial_value="16:9"),
        Select(id="voice", label="Voice", values=_voices(), initial_value="heart"),
        TextInput(id="style", label="Visual style", initial="pencil storyboard"),
        Switch(id="captions", label="Burn captions into the film", initial=True),
        Slider(id="length", label="Story length (characters)", initial=750, min=300, max=3000, step=50),
    ]).send()  # fmt: skip
    tries = [cl.Action(name="idea", id=f"starter-{k}", label=label, payload={"idea": idea})
             for k, (label, idea) in enumerate(STARTERS, 1)]  # fmt: skip
    await cl.Message(content=WELCOME, actions=tries).send()


@cl.on_chat_resume
async def resume(thread: Any) -> None:
    """A past thread, opened again. Chainlit shows its history (with frames and film) only after this returns,
    replacing whatever was sent meanwhile, and keeps no buttons; so what waits for the person is sent once the
    history is on the page: the buttons of the phase, or, for a turn a stop or a restart cut off, "Carry on"."""
    emitter = cl.context.emitter
    show_history = emitter.resume_thread  # Chainlit's own step, wrapped for this session alone

    async def then_what_waits(thread_dict: Any) -> None:
        await show_history(thread_dict)
        await show_waiting(_project())

    emitter.resume_thread = then_what_waits  # type: ignore[method-assign]


async def show_waiting(project: str) -> None:
    if not _started(project):
        await start()
        return
    turn = STUDIO.where(project)
    if turn.unfinished:
        carry_on = cl.Action(name="resume", id="phase-resume", label="Carry on", payload={"project": project})
        await cl.Message(content="Welcome back. The crew was stopped in the middle of a turn; nothing it had "
                         "finished is lost.", actions=[carry_on]).send()  # fmt: skip
        return
    await show_cast(project, STUDIO.state(project))
    title = (STUDIO.state(project).get("board") or {}).get("title", "")
    waiting = [card.number for card in pending(cards(STUDIO.state(project)))]
    lines = [f"Welcome back to *{title}*." if title else "Welcome back."]
    if waiting:
        lines.append(f"Shots waiting for you: {', '.join(map(str, waiting))} (the buttons below, or say "
                     "'approve 2', 'reshoot 2: closer' or 'in scene 2, ...').")  # fmt: skip
    if turn.question:
        lines.append(f"*{turn.question}*")
    scene_buttons = [cl.Action(name=name, id=f"{name}-{k}", label=f"{SCENE_ACTIONS[name][0]} {k}",
                               payload={"project": project, "scene": k})
                     for k in waiting for name in ("approve", "reshoot")]  # fmt: skip
    await cl.Message(content="\n\n".join(lines), actions=scene_buttons + _phase_buttons(project, turn.phase)).send()


@cl.action_callback("resume")
async def on_resume(action: cl.Action) -> None:
    if await _own(action):
        await run_turn(STUDIO.resume, _project())


@cl.action_callback("idea")
async def on_idea(action: cl.Action) -> None:
    """A starter idea, as if typed."""
    project = _project()
    if _started(project):
        await cl.Message(content="This chat already has its film; start a new chat for another idea.").send()
        return
    await cl.Message(content=str(action.payload.get("idea", "")), type="user_message").send()
    await run_turn(STUDIO.new, str(action.payload.get("idea", "")), _options(), False, project=project, owner=_user())


@cl.on_message
async def on_message(message: cl.Message) -> None:
    project = _project()
    text = message.content.strip()
    files = [e for e in message.elements or [] if getattr(e, "path", None)]
    if files:
        script = _script(files[0])
        if script.startswith("Nothing changed: "):  # not a script we can read: why, and nothing happens
            await cl.Message(content=script).send()
            return
        text, is_script = script, True
    else:
        is_script = False
    if not text:
        await cl.Message(content="Type an idea for a film, or attach a script (.txt or .md).").send()
        return
    if not _started(project):
        await run_turn(STUDIO.new, text, _options(), is_script, project=project, owner=_user())
    else:
        await run_turn(STUDIO.say, project, text)


def _script(element: Any) -> str:
    """An attached script's text, or a message that starts "Nothing changed: " and says why not."""
    path = Path(element.path)
    problem = ""
    if path.suffix.lower() not in SCRIPT_TYPES:
        problem = f"{element.name} is not a script: attach a .txt or .md file"
    elif path.stat().st_size > SCRIPT_BYTES:
        problem = f"{element.name} is {path.stat().st_size:,} bytes; a script is at most {SCRIPT_BYTES:,}"
    else:
        try:
            return path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            problem = f"{element.name} is not UTF-8 text: save it as UTF-8 and attach it again"
    return f"Nothing changed: {problem}."


async def _own(action: cl.Action) -> bool:
    """A button acts only on the project of the thread it is in (a stale or foreign button says so)."""
    if action.payload.get("project") != _project():
        await cl.Message(content="That button belongs to another project; nothing changed.").send()
        return False
    return True


@cl.action_callback("say")
async def on_say(action: cl.Action) -> None:
    if await _own(action):
        await run_turn(STUDIO.say, _project(), str(action.payload.get("text", "")))


@cl.action_callback("approve")
async def on_approve(action: cl.Action) -> None:
    if await _own(action):
        await run_turn(STUDIO.say, _project(), command("approve", int(action.payload["scene"])))


async def _ask_then(action: cl.Action, kind: str, question: str) -> None:
    if not await _own(action):
        return
    scene = int(action.payload["scene"])
    answer = await cl.AskUserMessage(content=question.format(k=scene), timeout=900).send()
    note = str((answer or {}).get("output", "")).strip()
    if note:
        await run_turn(STUDIO.say, _project(), command(kind, scene, note))


@cl.action_callback("reshoot")
async def on_reshoot(action: cl.Action) -> None:
    await _ask_then(action, "reshoot", "What should the reshoot of scene {k} change? (e.g. 'closer, at dusk')")


@cl.action_callback("edit")
async def on_edit(action: cl.Action) -> None:
    await _ask_then(action, "edit", "What should change in scene {k}? (e.g. 'make it happen at night')")


@cl.on_stop
async def on_stop() -> None:
    stop = cl.user_session.get("stop")
    if stop is not None:
        stop.set()  # the crew stops after the step it is in; the project stays resumable

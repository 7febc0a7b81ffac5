"""The `argmap` group and the console entry point; each command lives in its own module."""

from __future__ import annotations

import importlib
import os
import sys

import click

from ..version import __version__
from .options import ONE_SHOT

# Each command's module, imported only when that command runs (or --help lists them all).
COMMANDS = {
    "new": "checking",
    "check": "checking",
    "lint": "checking",
    "evaluate": "assessing",
    "compare": "comparing",
    "diff": "comparing",
    "schema": "checking",
    "render": "drawing",
    "outline": "drawing",
    "import": "exchanging",
    "export": "exchanging",
    "watch": "presenting",
    "build": "presenting",
    "slides": "decks",
    "serve": "serving",
    "lsp": "editing",
}


class LazyGroup(click.Group):
    """Click's documented pattern for loading subcommands on demand: `argmap check`
    never imports the modules behind `render`, `build` or `watch`."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module = importlib.import_module(f"{__package__}.{COMMANDS[cmd_name]}")
        command: click.Command = getattr(module, cmd_name, None) or getattr(
            module, f"{cmd_name}_command"
        )
        return command

    def invoke(self, ctx: click.Context) -> object:
        """An output that cannot be written, from any command: its located issue and exit
        2, never a traceback (an OSError that escaped a command is reported the same way)."""
        from ..errors import ArgmapError

        try:
            return super().invoke(ctx)
        except ArgmapError as exc:
            from ..report import exit_code, format_issue

            for issue in exc.issues:
                click.echo(format_issue(issue), err=True)
            ctx.exit(exit_code(exc.issues))
        except BrokenPipeError:  # the reader stopped (`| head`): nothing left to say
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(2)
        except OSError as exc:
            from ..files import os_reason

            where = exc.filename or "argmap"
            click.echo(f"{where}: error[E012]: cannot write: {os_reason(exc)}", err=True)
            ctx.exit(2)


@click.group(
    name="argmap",
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="argmap")
def cli() -> None:
    """Argument maps as code: check and render hand-written YAML maps.

    \b
    argmap new my-map.yaml                  start a map from a commented template
    argmap check maps/*.yaml                report every problem at file:line:col
    argmap lint maps/*.yaml                 the teaching rules: Rabbit, Holding Hands, …
    argmap evaluate maps/x.yaml             which claims stand, from the student's marks
    argmap compare student.yaml key.yaml    a student's map against the key, scored
    argmap diff old.yaml new.yaml           what changed in the argument
    argmap render maps/x.yaml               draw it (SVG beside the map)
    argmap render x.yaml --steps -o steps/  one picture per step, for slides
    argmap watch maps/x.yaml                re-draw on every save
    argmap serve maps/                      a live preview in the browser
    argmap build maps -o site               every map, with a gallery page
    argmap slides maps/x.yaml -o deck       a deck readable from the back row
    argmap outline maps/x.yaml              the argument as a nested outline
    argmap import debate.argdown -o maps/   Argdown, AIF or Kialo in, a map per thesis
    argmap export maps/x.yaml -f aif        the map as AIF JSON or Argdown
    argmap schema                           the JSON Schema for editor completion
    argmap lsp                              the language server editors start

    Exit status: 0 ok, 1 a map has errors, 2 a usage or file problem.
    """


def main() -> None:
    """Console entry point: usage and I/O problems exit 2 with a message, never a traceback.

    Runs with the garbage collector off (see argmap.cli.main). Once the command has
    finished and its output is flushed, the process ends without tearing the interpreter
    down (about 30 ms of freeing objects nobody will use again); every file argmap writes
    is closed and renamed into place before that. Commands learn from the context object
    ONE_SHOT that their process ends with them (a render starts Graphviz early).
    """
    from ..speed import leave, without_plugins

    without_plugins()
    try:
        # Without standalone mode click returns --help's and --version's status.
        returned = cli.main(prog_name="argmap", standalone_mode=False, obj=ONE_SHOT)
        status = returned if isinstance(returned, int) else 0
    except KeyboardInterrupt:
        status = 130
    except SystemExit as exc:
        status = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if not isinstance(exc.code, int) and exc.code is not None:
            click.echo(exc.code, err=True)
    except click.exceptions.Abort:
        click.echo("Aborted!", err=True)
        status = 1
    except click.ClickException as exc:
        exc.show()
        status = exc.exit_code
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        status = status or 1
    leave(status)

"""PyInstaller runtime hook: run a multiprocessing child, importing nothing in the parent.

Replaces PyInstaller's pyi_rth_multiprocessing, which imports multiprocessing, its spawn
module and subprocess at every start to patch ``freeze_support``. The app starts children
with the ``spawn`` method (search index builds); a frozen program has no interpreter to
spawn, so its own executable is started again with multiprocessing's arguments:

- ``EXE --multiprocessing-fork tracker_fd=N pipe_handle=M``: a spawned process;
- ``EXE [interpreter flags] -c "from multiprocessing.resource_tracker import main; ..."``
  (or ``forkserver``): the helper processes multiprocessing starts itself.

Those argument lists are recognised here, before the app's own imports, and handled as
PyInstaller's hook does; any other start (the app itself) imports nothing.
"""

import sys

HELPERS = ("from multiprocessing.resource_tracker import main",
           "from multiprocessing.forkserver import main")


def child_kind(argv):
    """"spawn", "helper" or None (not a multiprocessing child)."""
    if len(argv) >= 2 and argv[1] == "--multiprocessing-fork":
        return "spawn"
    if len(argv) >= 3 and argv[-2] == "-c" and argv[-1].startswith(HELPERS):
        return "helper"
    return None


def run_child(kind, argv):
    """Run the child's work and exit (PyInstaller's pyi_rth_multiprocessing, in short)."""
    if kind == "helper":
        from subprocess import _args_from_interpreter_flags

        if set(argv[1:-2]) == set(_args_from_interpreter_flags()):
            exec(argv[-1])  # noqa: S102 (multiprocessing's own import line, checked above)
            sys.exit()
        return
    import multiprocessing.spawn as spawn

    # The parent's __main__ is the frozen entry script, no file to run again (it would
    # start the app): the child needs only the pickled target, named by its module.
    spawn._fixup_main_from_path = lambda main_path: None
    kwds = {}
    for arg in argv[2:]:
        name, value = arg.split("=")
        kwds[name] = None if value == "None" else int(value)
    spawn.spawn_main(**kwds)
    sys.exit()


if __name__ == "__main__":  # as a runtime hook (PyInstaller runs hooks in __main__)
    _kind = child_kind(sys.argv)
    if _kind is not None:
        run_child(_kind, sys.argv)
    del _kind, child_kind, run_child, HELPERS  # __main__ is the app's entry script's too

"""The window's behaviour in small controllers (plain QObjects that build no widgets).

Each controller takes the window's ``WindowState`` and only the widgets (or view
interfaces) it needs, passed explicitly; none imports or receives the main window, so each
is built alone in its tests (``tests/ui/controllers``). A controller changes the state (or
pushes an undoable command whose report goes to ``WindowState.apply``) and says what it did
with ``state.show_status``/``state.show_error``. It gives the slots of the actions it owns
(declared in ``ui/actions.py``) from ``action_handlers()``.

``importing`` runs imports in the background; ``finding`` finds phrases in one document or
all; ``editing`` turns each user edit into one undoable command; ``exporting`` writes the
evidence log; ``preferences`` sets the author; ``navigation`` opens documents (and
remembers the last one) and goes to a highlight; ``notes`` saves a note as it is typed (one
undo step per burst); ``workspace_tools`` gives the bin, the history of changes and backups,
``workspaces`` opens, creates and switches workspaces;
``action_plan`` edits actions and progress updates, writes the board report and shows the
Action plan dock.
"""

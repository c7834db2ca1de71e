"""The window's behaviour in small controllers (plain QObjects that build no widgets).

``importing`` runs imports in the background; ``finding`` finds phrases in one document or
all; ``editing`` turns each user edit into one undoable command. ``MainWindow`` composes the
panels and wires every signal to them in one method.
"""

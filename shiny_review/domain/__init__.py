"""Domain layer: entities, anchors, rules and errors. Standard library only."""

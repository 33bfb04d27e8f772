"""The domain core: model, edits, store and files. Knows nothing of any screen."""

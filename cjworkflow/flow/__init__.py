"""The workshop flow: the engine, the handler context, the verbs and their handlers."""

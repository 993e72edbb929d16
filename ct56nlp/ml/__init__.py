"""Training, evaluating and persisting the trained indicator classifier."""

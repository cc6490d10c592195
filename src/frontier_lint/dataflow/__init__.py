"""Stage 3: the abstract interpreter: values, lazy values, definitions and summaries,
library models, wrapper propagation, and the verdict on what reaches a launch."""

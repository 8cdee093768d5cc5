"""What the crew remembers: checkpoints of every project, and (next) the conversation and character bible."""

"""Generation tools: plain values in, files and plain values out; they know nothing of storyboards."""

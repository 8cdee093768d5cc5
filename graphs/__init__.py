"""The crew graph and the domain it moves."""

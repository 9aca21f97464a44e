"""Business rules of the Berkellandwijzer: plain Python, no requests, no commits."""

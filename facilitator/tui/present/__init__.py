"""The read-only presenter view for a projector: `facilitator present`."""

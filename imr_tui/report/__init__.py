"""The report: one walk of the review as blocks, and the renderers and transforms over it."""

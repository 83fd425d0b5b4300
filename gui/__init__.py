"""Lectern's Qt layer: adapts core objects to widgets; holds no data of its own."""

"""The generated pages, one module per family: the technique library (library.py), routines and the
trainer's tools (routines.py), and the reference pages (reference.py). Each page maker takes the
Atlas and this build's Settings and returns a whole ``atlas.page.Page``; ``atlas.site`` calls them all.
"""

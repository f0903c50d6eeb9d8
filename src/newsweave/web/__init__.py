"""`newsweave serve`: the HTTP API and the pages an editor reads a story in.

Everything here sits on the Python API (`newsweave.brief`, `Brief.to_dict`,
the corpus store): the web layer shows briefs, it never computes them its own
way. FastAPI and Jinja2 are imported only when the server is built.
"""

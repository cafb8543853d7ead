"""The clinic's pages, one module per topic; `clinic/urls.py` lists every route.

Views stay short: fetch through `for_user`, bind a form, call a service, then redirect or
render. Helpers two modules share live in `common`.
"""

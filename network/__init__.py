"""The network of sites one installation serves: the province and its communes, each on its
own host names, and the dissolved committees' sites kept as archives.

Django's `django.contrib.sites` holds each site (`Site`: its main host name and its name);
this app holds what a site is beside that (its identity, its parent, whether it is an
archive: `SiteSettings`), the other names it answers to (`HostName`), and the one place a
request's host becomes its site (`registry.py`, `middleware.py`).
"""

from core import chrome

from . import menu


def navigation(request):
    """The main menu and "Liên kết website" of every page (from the shared cache)."""
    return chrome.cached("navigation", menu.build)

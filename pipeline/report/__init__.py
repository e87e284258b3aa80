"""Review outputs: the HTML report, the plain word diff and the list of unknown words."""
from .changes import DOUBTFUL_BELOW, Hunk, PageView, page_views
from .html import html_report
from .worddiff import word_diff

__all__ = ["DOUBTFUL_BELOW", "Hunk", "PageView", "html_report", "page_views", "word_diff"]

import pytest


@pytest.fixture
def demo(db):
    """The demo organisation and staff, as ``make demo`` loads them."""
    from luotsi.demo.loader import load_demo

    return load_demo()

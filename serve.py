"""Start the workbook behind the local guard: `streamlit run serve.py` (what `make run` does).

`st.App` is Streamlit's supported way to put middleware in front of every request; the
pages themselves are still `app.py`. Starting `app.py` directly would skip the guard.
"""

import streamlit as st
from starlette.middleware import Middleware

from localguard import LocalGuard, no_address_lookups

no_address_lookups()
app = st.App("app.py", middleware=[Middleware(LocalGuard)])

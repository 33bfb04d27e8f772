"""Small custom components (st.components.v2): inline HTML/JS, no build step, no outside requests."""

"""The chaos walk: seeded random person-like actions in the real browser.

locators.py   every way the walk finds a control (one place to update when labels move)
features.py   behaviour not built yet, switched on by name when it lands
model.py      what the store must hold: expected values for the fields the walk touched
store_check.py  the data folder's SQLite file, opened read-only, every row validated raw
invariants.py   checks run after every step
actions.py    the moves, weighted toward the dangerous ones
walk.py       the runner: tabs, settling on the app's state, step log, failure report
"""

"""Clinic mode's screens (issue 14): sign-in, sharing, the caregiver's and the navigator's views.

Thin views over the store's access model (workbook/store/, see /work/notes/clinic-contract.md).
In personal mode none of this is drawn: `gate.run()` returns None at once.
"""

"""What happens to a red flag between raising and the clinician's decision.

An emergency referral is not a decision: a patient sent to the emergency department stays
flagged ("awaiting outcome") until the outcome is recorded, and a patient who declines referral
stays flagged with the advice documented. ``models`` holds the flag's append-only history
(``RedFlagEvent``) and its follow-up tasks (``FlagFollowUp``); ``services`` the writes.
"""

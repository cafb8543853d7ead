"""The patient's daily plan: done ticks and the days the patient chose or moved (models and
services). The pure plan rules are in programs/plan.py."""

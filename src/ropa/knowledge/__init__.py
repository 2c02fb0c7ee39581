"""Legal facts as data, each with its source: countries, EEA, adequacy, DPIA lists, terms.

Nothing here imports anything but the standard library; rules, model and exporters read
from it, and nothing else states a legal fact.
"""

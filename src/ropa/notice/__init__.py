"""Privacy-notice drafts (GDPR Arts 13 and 14) from a register: `build` makes the document,
`wording` holds every sentence in English and Latvian, `render` writes Markdown or HTML."""

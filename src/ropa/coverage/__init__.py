"""Coverage of a published privacy policy by the register, and of the register by the
policy: `policy` reads the policy into passages, `match` compares both ways, `render`
writes text, JSON or Markdown."""

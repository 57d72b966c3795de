"""Every page: the content rules editors are told at their line, and the HTML readers get
(the browser's security policy, scrolling tables, the edit link, a preview's banner)."""

"""Input nobody should have typed, and somebody will. Shared by every layer's tests."""

NASTY = [
    "",
    " ",
    "<b>bold?</b> & <i>x</i> <script>alert(1)</script>",
    "A&B<C>D \"quoted\" 'single'",
    "<para>not a para</para><br/><font color=red>red</font>",
    "**not bold** _not italic_ # not a heading\n- not a list",
    "[a link](https://example.com) ![image](https://example.com/x.png)",
    "$x^2$ and $$\\int_0^1$$ cost $5 or $10",
    ":material/home: :smile: :red[red text] :blue-background[x]",
    "<img src=x onerror=alert(1)>",
    "Zażółć gęślą jaźń · Ελληνικά · Русский · Tiếng Việt",
    "עברית · العربية",
    "中文 日本語 한국어",
    "emoji 🎗️💗👩🏽‍⚕️",
    "tab\tand\r\nnewlines\n\nand\x00nul\x07bell\x1b[31m",
    "\u202eright-to-left override\u202c and zero\u200bwidth",
    "back\\slash `code` ~~strike~~ ||",
    "x" * 20_000,
]

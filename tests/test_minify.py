"""The theme's CSS and JavaScript as published: comments and spare white space out, the rules,
the code and licence comments kept; other files and files that are not UTF-8 as they are."""
from edition.minify import minified


def test_a_stylesheet_loses_its_comments_and_keeps_its_rules():
    css = b"/* why the rule is here */\n.note  >  p {\n  color: red;   /* red */\n}\n"
    assert minified("static/a.css", css) == b".note>p{color:red}"


def test_a_script_keeps_its_strings_regular_expressions_and_licence():
    js = (b"/*! MIT licence */\nvar a = 'http://x' // a remark\n"
          b"var b = /\\/\\*not a comment\\*\\//.test(a);\n")
    out = minified("static/a.js", js).decode()
    assert out.startswith("/*! MIT licence */")
    assert "'http://x'" in out and "/\\/\\*not a comment\\*\\//.test(a)" in out and "a remark" not in out


def test_other_files_and_undecodable_ones_are_published_as_they_are():
    assert minified("static/logo.svg", b"<svg>  <!-- c --> </svg>") == b"<svg>  <!-- c --> </svg>"
    assert minified("static/odd.css", b"\xff\xfe body { }") == b"\xff\xfe body { }"

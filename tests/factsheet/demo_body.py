"""The demo factsheet's body (factsheet/demo/fr.json) without its actor sections, which refer
to directory pages: a brochure-faithful body for building test pages."""

from home.demo_loader import demo_data

BODY = [
    block
    for block in demo_data("factsheet")["pages"][0]["fields"]["body"]
    if block["type"] not in {"employers", "actors"}
]

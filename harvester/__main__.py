from harvester.cli import app

app(prog_name="harvester")

"""The commands past cleaning and harvesting, registered on ``harvester.cli.app``."""

"""The desktop launcher: launch.py starts the app if needed and opens the browser;
shortcut.py installs and removes the icon that runs it. Standard library only."""

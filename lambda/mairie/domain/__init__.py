"""Pure logic over the catalogue (no ASK import): opening hours, procedures, playlists."""

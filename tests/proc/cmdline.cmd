args=alpha "" "with space"

{{ mustFromJson "\"x\"" }}|{{ mustFromJson "2" }}

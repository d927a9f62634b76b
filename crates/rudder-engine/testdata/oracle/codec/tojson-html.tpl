{{ toJson "<a href='x'>&amp;</a>" }}|{{ toRawJson "<a>&</a>" }}|{{ toPrettyJson "<&>" }}

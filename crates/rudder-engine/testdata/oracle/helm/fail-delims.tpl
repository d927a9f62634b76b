{{ fail "HELM_ERR_START inner HELM_ERR_END" }}

[{{ getHostByName "localhost" }}]

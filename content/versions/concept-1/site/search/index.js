visieSearch.load("index",{"chunks":["0","versies"],"sections":29,"stemmer":"dutch","version":1});

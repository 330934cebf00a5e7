visieSearch.load("index",{"chunks":["1","presentator"],"sections":44,"stemmer":"dutch","version":1});

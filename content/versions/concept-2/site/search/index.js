visieSearch.load("index",{"chunks":["1","presentatienotities"],"sections":44,"stemmer":"dutch","version":1});

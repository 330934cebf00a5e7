visieSearch.load("index",{"chunks":["1","wanner"],"sections":28,"stemmer":"dutch","version":1});

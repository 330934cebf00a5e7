visieSearch.load("index",{"chunks":["1","wat"],"sections":28,"stemmer":"dutch","version":1});

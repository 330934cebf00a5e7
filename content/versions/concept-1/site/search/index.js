visieSearch.load("index",{"chunks":["1","werkbijeenkomst"],"sections":28,"stemmer":"dutch","version":1});

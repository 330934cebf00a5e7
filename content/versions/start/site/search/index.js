visieSearch.load("index",{"chunks":["2010"],"sections":17,"stemmer":"dutch","version":1});
